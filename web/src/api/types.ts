/**
 * API types for /api/v1.
 *
 * This is the ONLY file that defines wire types. Everything else imports from here.
 * Today the shapes are written by hand from the API contract. Once the back end's
 * schema is dumped (`procta openapi > web/openapi.json`) and `npm run gen:api` has
 * produced `./schema.d.ts`, replace the hand-written interfaces below with aliases:
 *
 *   import type { components } from './schema';
 *   type S = components['schemas'];
 *   export type Me = S['Me'];
 *   export type Member = S['Member'];
 *   ...
 *
 * (adjust the schema names on the right to whatever the back end calls them).
 */

export type Role = 'owner' | 'admin' | 'teacher';

/** ISO-8601 timestamp, UTC. */
export type Timestamp = string;

export interface User {
  id: string;
  name: string;
  email: string;
  is_superadmin: boolean;
  two_factor_enabled: boolean;
  created_at: Timestamp;
}

export interface CurrentOrg {
  id: string;
  name: string;
  slug: string;
  role: Role;
}

export interface Membership {
  org_id: string;
  org_name: string;
  org_slug: string;
  role: Role;
}

export interface Me {
  user: User;
  current_org: CurrentOrg | null;
  memberships: Membership[];
}

export interface SignupRequest {
  org_name: string;
  name: string;
  email: string;
  password: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export type LoginResponse =
  | { status: 'ok'; me: Me }
  | { status: 'two_factor_required'; challenge_token: string; email_hint: string };

export interface TwoFactorLoginRequest {
  challenge_token: string;
  code: string;
}

export interface ForgotPasswordResponse {
  detail: string;
}

export interface AuthSession {
  id: string;
  device: string;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  current: boolean;
}

export interface AuditEvent {
  id: string;
  action: string;
  actor_email: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  created_at: Timestamp;
}

export interface Organization {
  id: string;
  name: string;
  slug: string;
  plan: string;
  status: string;
  trial_ends_at: Timestamp | null;
  created_at: Timestamp;
}

export interface OrgUpdate {
  name?: string;
  slug?: string;
}

export interface Member {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  joined_at: Timestamp;
}

export interface Invite {
  id: string;
  email: string;
  role: Role;
  created_at: Timestamp;
  expires_at: Timestamp;
  invited_by: string | null;
}

export interface InviteCreate {
  email: string;
  role: Role;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ApiKeyCreated extends ApiKey {
  key: string;
}

export interface PublicInvite {
  org_name: string;
  email: string;
  role: Role;
  invited_by: string | null;
  user_exists: boolean;
}

export interface InviteAccept {
  name?: string;
  password?: string;
}

export interface AdminOrg {
  id: string;
  name: string;
  slug: string;
  teachers: number;
  students: number;
  plan: string;
  status: string;
  created_at: Timestamp;
}

/** A message on WS /ws/teacher. */
export interface TeacherEvent {
  type: string;
  org_id?: string;
  data?: Record<string, unknown>;
}
