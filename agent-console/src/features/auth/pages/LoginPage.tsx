// Staff sign-in: login and password (or the city's identity provider), then the TOTP code when due, and for an
// admin or supervisor without TOTP the enrolment QR code first; then the role's home (or where they were going).
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Box, Button, Divider, Paper, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isSecondFactor, loginRequest, type FieldError, type SecondFactorDto, type SessionDto } from '@kck/contracts';
import { fetchAuthProviders, startOidcSignIn, totpSetupInLogin } from '../../../api/auth.api';
import { isApiError } from '../../../api/http';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { LanguageSwitch } from '../../../components/LanguageSwitch';
import { allowedNext, homeOf } from '../access';
import { useLogin, useSession, useTotpLogin } from '../session';
import { FullPageSpinner } from '../components/RequireAuth';

/** The code step: six digits from the authenticator app; with `enrol`, the QR code to scan comes first. */
function TotpStep({
  step,
  onDone,
  onRestart,
}: {
  step: SecondFactorDto;
  onDone: (session: SessionDto) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const totpLogin = useTotpLogin();
  const enrol = step.secondFactor === 'totp_enrol';
  const setup = useQuery({
    queryKey: ['login-totp-setup', step.challenge],
    queryFn: () => totpSetupInLogin(step.challenge),
    enabled: enrol,
    staleTime: Infinity,
    retry: false,
  });
  const error = totpLogin.error;
  // A void challenge (expired, used up) means starting again from the password.
  const expired = isApiError(error) && error.code === 'unauthenticated' && /expired|used/i.test(error.message);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    totpLogin.mutate({ challenge: step.challenge, code }, { onSuccess: onDone });
  };
  return (
    <Box component="form" onSubmit={submit} noValidate data-testid={enrol ? 'login-enrol' : 'login-totp'}>
      <Stack spacing={2}>
        <Typography variant="h6" component="h2">
          {enrol ? t('login.enrolTitle') : t('login.totpTitle')}
        </Typography>
        <Typography variant="body2">{enrol ? t('login.enrolExplain') : t('login.totpExplain')}</Typography>
        {enrol && setup.data ? (
          <Stack spacing={1} sx={{ alignItems: 'center' }}>
            <img
              src={setup.data.qrDataUrl}
              alt={t('login.enrolQrAlt')}
              width={200}
              height={200}
              data-testid="login-enrol-qr"
            />
            <Typography variant="caption">{t('login.enrolManual')}</Typography>
            <Box component="code" sx={{ wordBreak: 'break-all', userSelect: 'all' }} data-testid="login-enrol-secret">
              {setup.data.secret}
            </Box>
          </Stack>
        ) : null}
        {enrol && setup.error ? <ErrorAlert error={setup.error} testId="login-enrol-error" /> : null}
        <TextField
          id="login-totp-code"
          label={t('login.totpCode')}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="one-time-code"
          autoFocus
          required
          slotProps={{ htmlInput: { 'data-testid': 'login-totp-code', inputMode: 'numeric', maxLength: 7 } }}
        />
        {error ? (
          <Alert severity="error" role="alert" data-testid="login-error">
            {isApiError(error) && error.code === 'unauthenticated'
              ? /already been used/.test(error.message)
                ? t('login.totpReused')
                : expired
                  ? t('login.totpExpired')
                  : t('login.totpWrong')
              : isApiError(error) && error.code === 'too_many_requests'
                ? t('login.tooMany')
                : error.message}
          </Alert>
        ) : null}
        <Button
          type="submit"
          variant="contained"
          size="large"
          disabled={totpLogin.isPending}
          data-testid="login-totp-submit"
        >
          {enrol ? t('login.enrolSubmit') : t('login.totpSubmit')}
        </Button>
        <Button variant="text" onClick={onRestart} data-testid="login-restart">
          {t('login.restart')}
        </Button>
      </Stack>
    </Box>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const loginMutation = useLogin();
  const providers = useQuery({ queryKey: ['auth-providers'], queryFn: ({ signal }) => fetchAuthProviders(signal) });
  const leave = useMutation({ mutationFn: async (startUrl: string) => startOidcSignIn(startUrl) });
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [secondFactor, setSecondFactor] = useState<SecondFactorDto | null>(null);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(loginMutation.error));

  if (session.isPending) return <FullPageSpinner />;
  if (session.data && !loginMutation.isPending) {
    const role = session.data.user.role;
    return <Navigate to={allowedNext(role, params.get('next')) ?? homeOf(role)} replace />;
  }

  const goHome = (result: SessionDto) => {
    const role = result.user.role;
    void navigate(allowedNext(role, params.get('next')) ?? homeOf(role), { replace: true });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = loginRequest.safeParse({ login, password });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (!parsed.success) return;
    loginMutation.mutate(parsed.data, {
      onSuccess: (answer) => {
        if (isSecondFactor(answer)) {
          setPassword('');
          setSecondFactor(answer);
        } else goHome(answer);
      },
    });
  };

  const error = loginMutation.error;
  const badCredentials = isApiError(error) && error.code === 'unauthenticated';
  const oidc = providers.data?.oidc;

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
        {secondFactor ? (
          <TotpStep
            key={secondFactor.challenge}
            step={secondFactor}
            onDone={goHome}
            onRestart={() => {
              loginMutation.reset();
              setSecondFactor(null);
            }}
          />
        ) : (
          <>
            {oidc ? (
              <>
                <Button
                  variant="contained"
                  color="secondary"
                  size="large"
                  fullWidth
                  onClick={() => leave.mutate(oidc.startUrl)}
                  data-testid="login-oidc"
                >
                  {t('login.oidc', { label: oidc.label })}
                </Button>
                <Divider sx={{ my: 2 }}>{t('login.or')}</Divider>
              </>
            ) : null}
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
          </>
        )}
      </Paper>
    </Box>
  );
}
