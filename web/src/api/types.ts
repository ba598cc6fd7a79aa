/**
 * API types for /api/v1.
 *
 * This is the ONLY file that defines wire types. Everything else imports from here.
 * Today the shapes are written by hand from the API contract. Once the back end's
 * schema is dumped (`procta openapi > web/openapi.json`) and `npm run gen:api` has
 * produced `./schema.d.ts`, replace the hand-written interfaces below with aliases
 * (checked to compile against the back end's schema as of this writing):
 *
 *   import type { components } from './schema';
 *   type S = components['schemas'];
 *   export type Role = S['MemberOut']['role'];
 *   export type Timestamp = string;
 *   export type User = S['UserOut'];                 export type CurrentOrg = S['CurrentOrgOut'];
 *   export type Membership = S['MembershipOut'];     export type Me = S['MeOut'];
 *   export type SignupRequest = S['SignupIn'];       export type LoginRequest = S['LoginIn'];
 *   export type LoginResponse = S['LoginOut'];       export type TwoFactorLoginRequest = S['TwoFactorLoginIn'];
 *   export type ForgotPasswordResponse = S['DetailOut'];
 *   export type AuthSession = S['SessionOut'];       export type AuditEvent = S['AuditOut'];
 *   export type Organization = S['OrgOut'];          export type OrgUpdate = S['OrgUpdateIn'];
 *   export type Member = S['MemberOut'];             export type Invite = S['InviteOut'];
 *   export type InviteCreate = S['InviteIn'];        export type ApiKey = S['ApiKeyOut'];
 *   export type ApiKeyCreated = S['ApiKeyCreatedOut'];
 *   export type PublicInvite = S['InvitePublicOut']; export type InviteAccept = S['AcceptInviteIn'];
 *   export type AdminOrg = S['OrgSummaryOut'];
 *   // TeacherEvent stays hand-written (WebSocket messages are not in OpenAPI).
 *
 * The back end's Pydantic model for each type is also named next to it below.
 */

export type Role = 'owner' | 'admin' | 'teacher';

/** ISO-8601 timestamp, UTC. */
export type Timestamp = string;

/** UserOut */
export interface User {
  id: string;
  name: string;
  email: string;
  is_superadmin: boolean;
  two_factor_enabled: boolean;
  created_at: Timestamp;
}

/** CurrentOrgOut */
export interface CurrentOrg {
  id: string;
  name: string;
  slug: string;
  role: Role;
}

/** MembershipOut */
export interface Membership {
  org_id: string;
  org_name: string;
  org_slug: string;
  role: Role;
}

/** MeOut */
export interface Me {
  user: User;
  current_org: CurrentOrg | null;
  memberships: Membership[];
}

/** SignupIn */
export interface SignupRequest {
  org_name: string;
  name: string;
  email: string;
  password: string;
}

/** LoginIn */
export interface LoginRequest {
  email: string;
  password: string;
}

/** LoginOut: `me` is set when status is "ok", the challenge fields otherwise. */
export interface LoginResponse {
  status: 'ok' | 'two_factor_required';
  me?: Me | null;
  challenge_token?: string | null;
  email_hint?: string | null;
}

/** TwoFactorLoginIn */
export interface TwoFactorLoginRequest {
  challenge_token: string;
  code: string;
}

/** DetailOut */
export interface ForgotPasswordResponse {
  detail: string;
}

/** SessionOut */
export interface AuthSession {
  id: string;
  device: string;
  ip: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  current: boolean;
}

/** AuditOut */
export interface AuditEvent {
  id: string;
  action: string;
  actor_email: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  created_at: Timestamp;
}

/** OrgOut */
export interface Organization {
  id: string;
  name: string;
  slug: string;
  plan: string;
  status: string;
  trial_ends_at: Timestamp | null;
  created_at: Timestamp;
}

/** OrgUpdateIn */
export interface OrgUpdate {
  name?: string;
  slug?: string;
}

/** MemberOut */
export interface Member {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  joined_at: Timestamp;
}

/** InviteOut */
export interface Invite {
  id: string;
  email: string;
  role: Role;
  created_at: Timestamp;
  expires_at: Timestamp;
  invited_by: string | null;
}

/** InviteIn */
export interface InviteCreate {
  email: string;
  role: Role;
}

/** ApiKeyOut */
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** ApiKeyCreatedOut */
export interface ApiKeyCreated extends ApiKey {
  key: string;
}

/** InvitePublicOut */
export interface PublicInvite {
  org_name: string;
  email: string;
  role: Role;
  invited_by: string | null;
  user_exists: boolean;
}

/** AcceptInviteIn */
export interface InviteAccept {
  name?: string;
  password?: string;
}

/** OrgSummaryOut */
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
