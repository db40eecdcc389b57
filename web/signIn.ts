// How the page calls the API: with the API key when the home's config has one (the local home's
// default), otherwise as a Cognito user signed in here. Sign-in is Cognito's own InitiateAuth
// (USER_PASSWORD_AUTH) over fetch: to the local home's sign-in when the config names one
// (`auth.signInEndpoint`), else to Cognito's endpoint for the config's region. The id token then
// goes in the Authorization header of every request and of the real-time handshake and `start`.
import { cognitoEndpoint, signInWithPassword, SignInError } from '../contracts/cognitoSignIn.ts';
import type { PageConfig } from './config.ts';
import type { ApiAccess } from './graphql.ts';

interface Session {
  username: string;
  idToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

// Tokens last an hour; one about to lapse is not worth starting a page with.
const MARGIN_MS = 60_000;
const storageKey = (clientId: string) => `clips.signIn.${clientId}`;

function storedSession(clientId: string): Session | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(storageKey(clientId)) ?? 'null') as Session | null;
    return session && session.expiresAt - MARGIN_MS > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

interface FieldOptions {
  name: string;
  autocomplete: AutoFill;
  required: boolean;
  type?: string;
}

function field(label: string, options: FieldOptions): [HTMLLabelElement, HTMLInputElement] {
  const element = document.createElement('input');
  element.name = options.name;
  element.autocomplete = options.autocomplete;
  element.required = options.required;
  if (options.type) element.type = options.type;
  const wrapper = document.createElement('label');
  wrapper.append(`${label} `, element);
  return [wrapper, element];
}

function explainSignIn(error: unknown): string {
  if (!(error instanceof SignInError)) return `Sign-in failed: ${error instanceof Error ? error.message : String(error)}`;
  if (error.type === 'NotAuthorizedException') return `Sign-in failed: ${error.message} Check both and try again.`;
  if (error.type === 'NetworkError') return `Sign-in failed: ${error.message}. Is the home running?`;
  return `Sign-in failed: ${error.message} (${error.type})`;
}

/** Shows a labelled sign-in form until a sign-in succeeds. */
function askToSignIn(config: PageConfig, clientId: string): Promise<Session> {
  const endpoint = config.auth.signInEndpoint ?? cognitoEndpoint(config.region);
  const local = config.home === 'local';
  const form = Object.assign(document.createElement('form'), { id: 'signIn' });
  form.setAttribute('aria-label', 'Sign in');
  const [usernameLabel, username] = field('Username', { name: 'username', autocomplete: 'username', required: true });
  const [passwordLabel, password] = field(local ? 'Password (not checked by the local sign-in)' : 'Password', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: !local,
  });
  const submit = Object.assign(document.createElement('button'), { type: 'submit', textContent: 'Sign in' });
  const problem = Object.assign(document.createElement('p'), { id: 'signInError' });
  problem.setAttribute('role', 'alert');
  const intro = Object.assign(document.createElement('p'), {
    textContent: local ? 'This home runs as the AWS home does: sign in (editors may clip).' : 'Sign in with your Cognito user (editors may clip).',
  });
  form.append(intro, usernameLabel, ' ', passwordLabel, ' ', submit, problem);
  document.querySelector('header')?.after(form);
  username.focus();

  return new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit.disabled = true;
      problem.textContent = '';
      signInWithPassword({ endpoint, clientId, username: username.value.trim(), password: password.value })
        .then((tokens) => {
          form.remove();
          resolve({ username: username.value.trim(), idToken: tokens.IdToken, expiresAt: Date.now() + tokens.ExpiresIn * 1000 });
        })
        .catch((error: unknown) => {
          problem.textContent = explainSignIn(error);
          submit.disabled = false;
        });
    });
  });
}

function showSignedIn(session: Session, clientId: string): void {
  const who = Object.assign(document.createElement('span'), { id: 'signedIn', textContent: `Signed in as ${session.username}` });
  const signOut = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Sign out' });
  signOut.addEventListener('click', () => {
    sessionStorage.removeItem(storageKey(clientId));
    location.reload();
  });
  document.querySelector('header')?.append(who, signOut);
}

/** The API key from the config, or a Cognito user's id token once they have signed in. */
export async function apiAccess(config: PageConfig): Promise<ApiAccess> {
  const url = config.graphql.url;
  if (config.auth.apiKey) return { url, headers: { 'x-api-key': config.auth.apiKey } };
  const clientId = config.auth.userPoolClientId;
  if (!clientId) throw new Error('the home\u2019s config has neither an API key nor a Cognito app client to sign in with');
  const session = storedSession(clientId) ?? (await askToSignIn(config, clientId));
  sessionStorage.setItem(storageKey(clientId), JSON.stringify(session));
  showSignedIn(session, clientId);
  return { url, headers: { authorization: session.idToken } };
}
