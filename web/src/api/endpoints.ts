/** One typed function per back-end route used by the front end. */
import { api } from './client';
import type {
  AdminOrg,
  ApiKey,
  ApiKeyCreated,
  AuditEvent,
  AuthSession,
  ForgotPasswordResponse,
  Invite,
  InviteAccept,
  InviteCreate,
  LoginRequest,
  LoginResponse,
  Me,
  Member,
  Organization,
  OrgUpdate,
  PublicInvite,
  Role,
  SignupRequest,
  TwoFactorLoginRequest,
} from './types';

const enc = encodeURIComponent;

export const authApi = {
  me: (signal?: AbortSignal) => api.get<Me>('/auth/me', { signal }),
  signup: (body: SignupRequest) => api.post<Me>('/auth/signup', body),
  login: (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body),
  loginTwoFactor: (body: TwoFactorLoginRequest) => api.post<LoginResponse>('/auth/login/two-factor', body),
  logout: () => api.post<void>('/auth/logout'),
  switchOrg: (orgId: string) => api.post<Me>('/auth/switch-org', { org_id: orgId }),
  forgotPassword: (email: string) => api.post<ForgotPasswordResponse>('/auth/password/forgot', { email }),
  resetPassword: (token: string, password: string) =>
    api.post<void>('/auth/password/reset', { token, password }),
  changePassword: (current_password: string, new_password: string) =>
    api.post<void>('/auth/password/change', { current_password, new_password }),
  enableTwoFactor: () => api.post<unknown>('/auth/two-factor/enable'),
  confirmTwoFactor: (code: string) => api.post<Me>('/auth/two-factor/enable/confirm', { code }),
  disableTwoFactor: (password: string) => api.post<Me>('/auth/two-factor/disable', { password }),
  sessions: () => api.get<AuthSession[]>('/auth/sessions'),
  revokeSession: (id: string) => api.delete(`/auth/sessions/${enc(id)}`),
  revokeOtherSessions: () => api.post<{ revoked: number }>('/auth/sessions/revoke-others'),
  auditLog: () => api.get<AuditEvent[]>('/auth/audit-log'),
};

export const orgApi = {
  current: () => api.get<Organization>('/orgs/current'),
  update: (body: OrgUpdate) => api.patch<Organization>('/orgs/current', body),
  members: () => api.get<Member[]>('/orgs/current/members'),
  updateMember: (userId: string, role: Role) =>
    api.patch<Member>(`/orgs/current/members/${enc(userId)}`, { role }),
  removeMember: (userId: string) => api.delete(`/orgs/current/members/${enc(userId)}`),
  invites: () => api.get<Invite[]>('/orgs/current/invites'),
  createInvite: (body: InviteCreate) => api.post<Invite>('/orgs/current/invites', body),
  revokeInvite: (id: string) => api.delete(`/orgs/current/invites/${enc(id)}`),
  auditLog: () => api.get<AuditEvent[]>('/orgs/current/audit-log'),
  apiKeys: () => api.get<ApiKey[]>('/orgs/current/api-keys'),
  createApiKey: (name: string) => api.post<ApiKeyCreated>('/orgs/current/api-keys', { name }),
  revokeApiKey: (id: string) => api.delete(`/orgs/current/api-keys/${enc(id)}`),
};

export const inviteApi = {
  get: (token: string) => api.get<PublicInvite>(`/invites/${enc(token)}`),
  accept: (token: string, body: InviteAccept) => api.post<Me>(`/invites/${enc(token)}/accept`, body),
};

export const adminApi = {
  orgs: () => api.get<AdminOrg[]>('/admin/orgs'),
};
