// Vite build of the staff console; the backend serves dist/ at / with an SPA fallback.
// In development the API, the socket and /health are proxied so the console stays same-origin.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// KCK_BACKEND lets a developer point the dev server at another backend (default: the local one).
const backend = process.env.KCK_BACKEND ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than our code: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            // MUI X (charts) goes to its own chunk: only DK-05's dashboard loads it.
            {
              name: 'mui',
              test: /node_modules[\\/](@mui[\\/](?!x-)|@emotion|@popperjs|react-transition-group|stylis)/,
            },
            // Only the residents' form shows a map: Leaflet stays out of the chunk every console page loads.
            { name: 'leaflet', test: /node_modules[\\/](leaflet|react-leaflet|@react-leaflet)[\\/]/ },
            // Charts' own libraries are left to the last group; what they share with the rest (reselect…) stays here.
            {
              name: 'vendor',
              test: /node_modules[\\/](?!@mui[\\/]x-|d3-|@base-ui[\\/]|bezier-easing[\\/]|flatqueue[\\/])/,
            },
            { name: 'charts', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/socket.io': { target: backend, ws: true, changeOrigin: false },
      '/health': { target: backend, changeOrigin: false },
    },
  },
});
