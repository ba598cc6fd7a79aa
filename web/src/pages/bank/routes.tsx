import { Route } from 'react-router-dom';
import { CoursesPage } from './courses/CoursesPage';
import { GroupPage } from './groups/GroupPage';
import { GroupsPage } from './groups/GroupsPage';
import { QuestionsPage } from './questions/QuestionsPage';
import { RegisterPage } from './register/RegisterPage';
import { StudentsPage } from './students/StudentsPage';

/** Routes of this area, mounted inside the signed-in teacher shell by App.tsx. */
export const bankRoutes = (
  <>
    <Route path="/questions" element={<QuestionsPage />} />
    <Route path="/students" element={<StudentsPage />} />
    <Route path="/groups" element={<GroupsPage />} />
    <Route path="/groups/:groupId" element={<GroupPage />} />
    <Route path="/courses" element={<CoursesPage />} />
  </>
);

/** Pages reachable without an account (the student registration link). */
export const bankPublicRoutes = <Route path="/register/:token" element={<RegisterPage />} />;
