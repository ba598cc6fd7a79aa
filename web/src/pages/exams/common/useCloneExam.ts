import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { examsApi } from '../api';
import { useExamChanged } from '../queries';

/** Copies an exam as a new draft and opens the copy. */
export function useCloneExam() {
  const navigate = useNavigate();
  const changed = useExamChanged();
  return useMutation({
    mutationFn: (id: string) => examsApi.clone(id),
    onSuccess: (copy) => {
      changed(copy);
      notifications.show({ color: 'green', title: 'Exam copied', message: `“${copy.title}” is a new draft.` });
      navigate(`/exams/${copy.id}`);
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Could not copy the exam', message: errorMessage(err) }),
  });
}
