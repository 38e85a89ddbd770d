// One headline number on the dashboard; the number sits alone in its element so it can be read
// (and tested) without the label around it.
import { Card, CardContent, Typography } from '@mui/material';

interface Props {
  label: string;
  value: string;
  testId: string;
  hint?: string;
}

export function FigureCard({ label, value, testId, hint }: Props) {
  return (
    <Card component="article" aria-label={label}>
      <CardContent>
        <Typography variant="body2" color="text.secondary" component="h2">
          {label}
        </Typography>
        <Typography variant="h3" component="p" sx={{ fontWeight: 700, fontVariantNumeric: 'tabular-nums' }}>
          <span data-testid={testId}>{value}</span>
        </Typography>
        {hint ? (
          <Typography variant="caption" color="text.secondary">
            {hint}
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
}
