/** The trainer's sign-in form, the gate in front of trainers' screens, the header's sign-out, and the first-trainer page. */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { MIN_PASSWORD, selectAuthStatus, selectTrainerName, useAuth, type AuthError } from './auth';

function ErrorText({ error }: { error: AuthError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p role="alert" className="form-error">
      {t(`auth.error.${error}`, { count: MIN_PASSWORD })}
    </p>
  );
}

export function SignInForm() {
  const { t } = useTranslation();
  const login = useAuth((s) => s.login);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<AuthError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(await login(name.trim(), password));
    setBusy(false);
  };
  return (
    <form className="join-form panel" onSubmit={submit} aria-label={t('auth.signInTitle')}>
      <h2>{t('auth.signInTitle')}</h2>
      <p className="muted">{t('auth.signInHint')}</p>
      <label>
        {t('auth.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" maxLength={60} required />
      </label>
      <label>
        {t('auth.password')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" maxLength={200} required />
      </label>
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {t('auth.submit')}
      </button>
      <p className="muted">
        <Link href="/join">{t('auth.participantsJoin')}</Link>
      </p>
    </form>
  );
}

/** Trainers' screens: with a drill server they need a signed-in trainer; the static build has no accounts. */
export function RequireTrainer({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const status = useAuth(selectAuthStatus);
  if (status === 'unknown') return <p role="status">{t('common.loading')}</p>;
  if (status === 'signed-out') return <SignInForm />;
  return <>{children}</>;
}

/** In the header: who is signed in, a way to change the password, and to sign out. */
export function TrainerMenu() {
  const { t } = useTranslation();
  const name = useAuth(selectTrainerName);
  const status = useAuth(selectAuthStatus);
  const logout = useAuth((s) => s.logout);
  if (status !== 'signed-in') return null;
  return (
    <span className="trainer-menu">
      <span aria-label={t('auth.signedInLabel')}>{t('auth.signedInAs', { name })}</span> <Link href="/password">{t('auth.passwordTitle')}</Link>{' '}
      <button type="button" onClick={() => void logout()}>
        {t('auth.signOut')}
      </button>
    </span>
  );
}

/** The page the first-run link opens: create the first trainer account (name, password twice). */
export function FirstTrainer({ code }: { code: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const createFirst = useAuth((s) => s.createFirst);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<AuthError | null>(null);
  const [open, setOpen] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    fetch('/api/first-trainer')
      .then((r) => r.json() as Promise<{ open?: boolean }>)
      .then((b) => live && setOpen(b.open === true))
      .catch(() => live && setError('noServer'));
    return () => {
      live = false;
    };
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < MIN_PASSWORD) return setError('tooShort');
    if (password !== again) return setError('mismatch');
    const problem = await createFirst(code, name.trim(), password);
    setError(problem);
    if (!problem) navigate('/');
  };
  if (open === false) {
    return (
      <section className="panel">
        <h2>{t('auth.firstTitle')}</h2>
        <ErrorText error="alreadySetUp" />
        <Link href="/">{t('nav.library')}</Link>
      </section>
    );
  }
  return (
    <form className="join-form panel" onSubmit={submit} aria-label={t('auth.firstTitle')}>
      <h2>{t('auth.firstTitle')}</h2>
      <p className="muted">{t('auth.firstHint')}</p>
      <label>
        {t('auth.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" maxLength={60} required />
      </label>
      <label>
        {t('auth.newPassword')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" maxLength={200} required />
      </label>
      <label>
        {t('auth.newPasswordAgain')}
        <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" maxLength={200} required />
      </label>
      <ErrorText error={error} />
      <button type="submit" className="primary">
        {t('auth.create')}
      </button>
    </form>
  );
}

/** Change the signed-in trainer's password (the current one, then the new one twice). */
export function ChangePassword() {
  const { t } = useTranslation();
  const changePassword = useAuth((s) => s.changePassword);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<AuthError | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (password.length < MIN_PASSWORD) return setError('tooShort');
    if (password !== again) return setError('mismatch');
    const problem = await changePassword(current, password);
    setError(problem);
    if (!problem) {
      setDone(true);
      setCurrent('');
      setPassword('');
      setAgain('');
    }
  };
  return (
    <form className="join-form panel" onSubmit={submit} aria-label={t('auth.passwordTitle')}>
      <h2>{t('auth.passwordTitle')}</h2>
      <label>
        {t('auth.currentPassword')}
        <input type="password" value={current} onChange={(e) => setCurrent(e.target.value)} autoComplete="current-password" maxLength={200} required />
      </label>
      <label>
        {t('auth.newPassword')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" maxLength={200} required />
      </label>
      <label>
        {t('auth.newPasswordAgain')}
        <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" maxLength={200} required />
      </label>
      <ErrorText error={error} />
      {done && <p role="status">{t('auth.changed')}</p>}
      <button type="submit" className="primary">
        {t('auth.passwordTitle')}
      </button>
    </form>
  );
}
