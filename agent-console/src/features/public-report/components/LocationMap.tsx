// The optional map pin (Leaflet), loaded only when a tile server is configured. A click or a dragged marker sets the
// pin; from the keyboard, the arrows move the map and a button puts the pin in its centre. Pins stay within Kraków.
import { useEffect, useRef, useState } from 'react';
import { Box, Button, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import { MapContainer, Marker, TileLayer, useMapEvents } from 'react-leaflet';
import 'leaflet/dist/leaflet.css';
import markerIcon from 'leaflet/dist/images/marker-icon.png';
import markerIcon2x from 'leaflet/dist/images/marker-icon-2x.png';
import markerShadow from 'leaflet/dist/images/marker-shadow.png';
import { isInKrakow, KRAKOW_BOUNDS, type TicketLocation } from '@kck/contracts';

const RYNEK: [number, number] = [50.0617, 19.9373];
const round = (n: number) => Math.round(n * 1e6) / 1e6;

// Bundled with the page: the default icon's URLs would be guessed from the CSS, which a bundler breaks.
const pinIcon = L.icon({
  iconUrl: markerIcon,
  iconRetinaUrl: markerIcon2x,
  shadowUrl: markerShadow,
  iconSize: [25, 41],
  iconAnchor: [12, 41],
  shadowSize: [41, 41],
});

interface Props {
  tileUrl: string;
  attribution: string;
  value: TicketLocation | null;
  onChange: (location: TicketLocation | null) => void;
}

function ClickToPin({ onPin }: { onPin: (location: TicketLocation) => void }) {
  useMapEvents({ click: (event) => onPin({ latitude: round(event.latlng.lat), longitude: round(event.latlng.lng) }) });
  return null;
}

export default function LocationMap({ tileUrl, attribution, value, onChange }: Props) {
  const { t } = useTranslation();
  const [map, setMap] = useState<L.Map | null>(null);
  const [outside, setOutside] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const pin = (location: TicketLocation) => {
    const inside = isInKrakow(location);
    setOutside(!inside);
    if (inside) onChange(location);
  };

  // Follows a pin set elsewhere (a photo's location).
  useEffect(() => {
    if (map && value) map.panTo([value.latitude, value.longitude]);
  }, [map, value]);

  useEffect(() => {
    const element = container.current?.querySelector('.leaflet-container');
    element?.setAttribute('aria-label', t('public.map.label'));
    element?.setAttribute('role', 'application');
  }, [map, t]);

  return (
    <Box>
      <Box ref={container} sx={{ height: 280, borderRadius: 1, overflow: 'hidden', border: 1, borderColor: 'divider' }}>
        <MapContainer
          center={value ? [value.latitude, value.longitude] : RYNEK}
          zoom={value ? 16 : 13}
          minZoom={11}
          maxBounds={[
            [KRAKOW_BOUNDS.south, KRAKOW_BOUNDS.west],
            [KRAKOW_BOUNDS.north, KRAKOW_BOUNDS.east],
          ]}
          style={{ height: '100%', width: '100%' }}
          ref={setMap}
        >
          <TileLayer url={tileUrl} attribution={attribution} />
          <ClickToPin onPin={pin} />
          {value ? (
            <Marker
              position={[value.latitude, value.longitude]}
              icon={pinIcon}
              draggable
              eventHandlers={{
                dragend: (event) => {
                  const at = (event.target as L.Marker).getLatLng();
                  pin({ latitude: round(at.lat), longitude: round(at.lng) });
                },
              }}
              alt={t('public.map.pin')}
            />
          ) : null}
        </MapContainer>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {t('public.map.help')}
      </Typography>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap', mt: 1 }}>
        <Button
          variant="outlined"
          size="small"
          onClick={() => {
            if (!map) return;
            const centre = map.getCenter();
            pin({ latitude: round(centre.lat), longitude: round(centre.lng) });
          }}
          data-testid="map-pin-centre"
        >
          {t('public.map.pinCentre')}
        </Button>
        {value ? (
          <Button variant="text" size="small" onClick={() => onChange(null)}>
            {t('public.map.remove')}
          </Button>
        ) : null}
      </Stack>
      {outside ? (
        <Typography color="error" variant="body2" role="alert">
          {t('public.map.outside')}
        </Typography>
      ) : null}
    </Box>
  );
}
