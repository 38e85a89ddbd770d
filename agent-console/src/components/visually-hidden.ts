// Styles that hide text from the eye but keep it for screen readers (aria-live announcements, table captions).
// Kept local so the console does not depend on @mui/utils directly.
export const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;
