import { Route } from 'react-router-dom';
import { ExamEditorPage } from './ExamEditorPage';
import { ExamsPage } from './ExamsPage';
import { NewExamPage } from './NewExamPage';
import { TemplatesPage } from './templates/TemplatesPage';
import { AccessCodesPage } from './tools/AccessCodesPage';
import { SchedulePage } from './tools/SchedulePage';
import { ToolsPage } from './tools/ToolsPage';

/** Routes of this area, mounted inside the signed-in teacher shell by App.tsx. */
export const examRoutes = (
  <>
    <Route path="/exams" element={<ExamsPage />} />
    <Route path="/exams/new" element={<NewExamPage />} />
    <Route path="/exams/:examId" element={<ExamEditorPage />} />
    <Route path="/exam-templates" element={<TemplatesPage />} />
    <Route path="/tools" element={<ToolsPage />} />
    <Route path="/tools/access-codes" element={<AccessCodesPage />} />
    <Route path="/tools/schedule" element={<SchedulePage />} />
  </>
);
