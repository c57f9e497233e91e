/**
 * Session start and end: check the cookie, log in, log out (the live feed, notices and UI config follow the session).
 */
import { api } from './api.ts';
import { configStore, loadConfig } from './config.ts';
import { connectLive, disconnectLive } from './live.ts';
import { startNotices, stopNotices } from './notices.ts';
import { sessionStore, type Session } from './session.ts';

async function begin(s: Session): Promise<void> {
  sessionStore.set(s);
  await loadConfig();
  connectLive();
  startNotices();
}

export async function checkSession(): Promise<void> {
  try {
    await begin(await api.get<Session>('/api/auth/session'));
  } catch {
    sessionStore.set(null);
  }
}

export async function logIn(username: string, password: string): Promise<void> {
  await begin(await api.post<Session>('/api/auth/login', { username, password }));
}

export async function logOut(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    disconnectLive();
    stopNotices();
    configStore.set(undefined);
    sessionStore.set(null);
    location.hash = '';
  }
}
