// The console calls the public /v1 API like any client. The session cookie authenticates it; every request that
// changes something carries the antiforgery token that only the console's own pages can read.
let sessionPromise;

export function session() {
  sessionPromise ??= fetch('/console/session', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async response => {
      if (response.status === 401) {
        location.assign('/console/signin');
        throw new Error('not signed in');
      }
      return response.json();
    });
  return sessionPromise;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body === 'object' && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(method, path, body) {
  const current = await session();
  const headers = { accept: 'application/json' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    headers[current.antiforgery_header] = current.antiforgery_token;
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.assign('/console/signin');
  }
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  const data = text.length > 0 && type.includes('json') ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = path => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});

// Who acted is the key's name; without keys (loopback) the API asks for it in the body.
export async function actor() {
  return (await session()).name;
}

export async function labelComponent(id, verdict, why) {
  return post(`/v1/components/${encodeURIComponent(id)}/label`, { verdict, why, who: await actor() });
}

export async function labelAccount(account, verdict, why) {
  return post(`/v1/accounts/${encodeURIComponent(account)}/label`, { verdict, why, who: await actor() });
}

export async function markBenign(nodeKey, why) {
  const colon = nodeKey.indexOf(':');
  return post('/v1/entities/benign', { kind: nodeKey.slice(0, colon), entity: nodeKey.slice(colon + 1), why, who: await actor() });
}

export const claim = item => post('/v1/claims', { item });
export const release = item => post('/v1/claims/release', { item });
