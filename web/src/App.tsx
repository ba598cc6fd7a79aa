import { Navigate, Route, Routes } from 'react-router-dom';
import { AppLayout } from './components/AppLayout';
import { RequireAuth, RequireOrgAdmin, RequireSuperadmin } from './components/Guards';
import { AdminOrgsPage } from './pages/AdminOrgsPage';
import { DashboardPage } from './pages/DashboardPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { InvitePage } from './pages/InvitePage';
import { MembersPage } from './pages/MembersPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrgAuditLogPage } from './pages/OrgAuditLogPage';
import { OrgSettingsPage } from './pages/OrgSettingsPage';
import { ResetPasswordPage } from './pages/ResetPasswordPage';
import { SecurityPage } from './pages/SecurityPage';
import { SignInPage } from './pages/SignInPage';
import { SignUpPage } from './pages/SignUpPage';
import { VerifyTwoFactorPage } from './pages/VerifyTwoFactorPage';
import { bankPublicRoutes, bankRoutes } from './pages/bank/routes';
import { examRoutes } from './pages/exams/routes';
import { resultRoutes } from './pages/results/routes';
import { reviewRoutes } from './pages/review/routes';
import { RoomPage } from './room/RoomPage';
import { ExamPage } from './student/ExamPage';
import { JoinPage } from './student/JoinPage';
import { SubmittedPage } from './student/SubmittedPage';

export function App() {
  return (
    <Routes>
      <Route path="/" element={<Navigate to="/dashboard" replace />} />
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/signin/verify" element={<VerifyTwoFactorPage />} />
      <Route path="/signup" element={<SignUpPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/invite/:token" element={<InvitePage />} />

      {/* The student's exam client: no account, no teacher shell. */}
      <Route path="/take/:examId" element={<JoinPage />} />
      <Route path="/take/:examId/session" element={<ExamPage />} />
      <Route path="/take/:examId/submitted" element={<SubmittedPage />} />
      <Route path="/room/:attemptId" element={<RoomPage />} />
      {bankPublicRoutes}

      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/security" element={<SecurityPage />} />
        {examRoutes}
        {bankRoutes}
        {resultRoutes}
        {reviewRoutes}
        <Route element={<RequireOrgAdmin />}>
          <Route path="/org" element={<Navigate to="/org/members" replace />} />
          <Route path="/org/members" element={<MembersPage />} />
          <Route path="/org/settings" element={<OrgSettingsPage />} />
          <Route path="/org/audit-log" element={<OrgAuditLogPage />} />
        </Route>
        <Route element={<RequireSuperadmin />}>
          <Route path="/admin/orgs" element={<AdminOrgsPage />} />
        </Route>
      </Route>

      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
