import { Route } from 'react-router-dom';
import { AttemptPage } from './AttemptPage';
import { ExamResultsPage } from './ExamResultsPage';
import { FailedSessionsPage } from './FailedSessionsPage';
import { LiveIndexPage } from './live/LiveIndexPage';
import { LiveSessionsPage } from './live/LiveSessionsPage';
import { ResultsIndexPage } from './ResultsIndexPage';
import { StudentAttemptsPage } from './StudentAttemptsPage';
import { StudentHistoryPage } from './StudentHistoryPage';

/** Routes of this area, mounted inside the signed-in teacher shell by App.tsx. */
export const resultRoutes = (
  <>
    <Route path="/results" element={<ResultsIndexPage />} />
    <Route path="/exams/:examId/results" element={<ExamResultsPage />} />
    <Route path="/exams/:examId/live" element={<LiveSessionsPage />} />
    <Route path="/live" element={<LiveIndexPage />} />
    <Route path="/attempts/:attemptId" element={<AttemptPage />} />
    <Route path="/failed-sessions" element={<FailedSessionsPage />} />
    <Route path="/history" element={<StudentHistoryPage />} />
    <Route path="/history/:studentId" element={<StudentAttemptsPage />} />
  </>
);
