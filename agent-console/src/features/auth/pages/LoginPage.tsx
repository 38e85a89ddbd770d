// Staff sign-in: login and password, then the home page of the user's role (or where they were going).
// Wrong credentials (401) and too many attempts (429) are shown here instead of redirecting.
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { loginRequest, type FieldError } from '@kck/contracts';
import { isApiError } from '../../../api/http';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { allowedNext, homeOf } from '../access';
import { useLogin, useSession } from '../session';
import { FullPageSpinner } from '../components/RequireAuth';

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const loginMutation = useLogin();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(loginMutation.error));

  if (session.isPending) return <FullPageSpinner />;
  if (session.data && !loginMutation.isPending) {
    const role = session.data.user.role;
    return <Navigate to={allowedNext(role, params.get('next')) ?? homeOf(role)} replace />;
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginRequest.safeParse({ login, password });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (!parsed.success) return;
    loginMutation.mutate(parsed.data, {
      onSuccess: (result) => {
        const role = result.user.role;
        void navigate(allowedNext(role, params.get('next')) ?? homeOf(role), { replace: true });
      },
    });
  };

  const error = loginMutation.error;
  const badCredentials = isApiError(error) && error.code === 'unauthenticated';

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'grey.100', p: 2 }}>
      <Paper sx={{ p: 4, width: '100%', maxWidth: 420 }} elevation={3}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', mb: 2 }}>
          <Box>
            <Typography variant="h5" component="h1">
              {t('login.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('app.fullName')}
            </Typography>
          </Box>
          <LanguageSwitch color="standard" />
        </Stack>
        <Box component="form" onSubmit={onSubmit} noValidate>
          <Stack spacing={2}>
            <TextField
              id="login-username"
              label={t('login.username')}
              value={login}
              onChange={(event) => setLogin(event.target.value)}
              autoComplete="username"
              autoFocus
              required
              error={Boolean(fieldError('login'))}
              helperText={fieldError('login')}
              slotProps={{ htmlInput: { 'data-testid': 'login-username', maxLength: 100 } }}
            />
            <TextField
              id="login-password"
              label={t('login.password')}
              type="password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              autoComplete="current-password"
              required
              error={Boolean(fieldError('password'))}
              helperText={fieldError('password')}
              slotProps={{ htmlInput: { 'data-testid': 'login-password', maxLength: 200 } }}
            />
            {badCredentials ? (
              <Alert severity="error" role="alert" data-testid="login-error">
                {t('login.badCredentials')}
              </Alert>
            ) : error ? (
              <ErrorAlert error={error} testId="login-error" />
            ) : null}
            <Button
              type="submit"
              variant="contained"
              size="large"
              disabled={loginMutation.isPending}
              data-testid="login-submit"
            >
              {loginMutation.isPending ? t('login.signingIn') : t('login.submit')}
            </Button>
          </Stack>
        </Box>
      </Paper>
    </Box>
  );
}
