import { Route } from 'react-router-dom';
import { ReviewPacketPage } from './ReviewPacketPage';
import { ReviewQueuePage } from './ReviewQueuePage';

/** Record & review, mounted inside the signed-in teacher shell by App.tsx. */
export const reviewRoutes = (
  <>
    <Route path="/review" element={<ReviewQueuePage />} />
    <Route path="/review/:attemptId" element={<ReviewPacketPage />} />
  </>
);
