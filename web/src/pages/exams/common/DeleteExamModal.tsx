import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { examsApi } from '../api';
import { examKeys } from '../queries';

interface ExamRef {
  id: string;
  title: string;
}

interface Props {
  exam: ExamRef | null;
  onClose: () => void;
  onDeleted?: () => void;
}

/** Confirms, then deletes an exam (the API refuses one that students have taken). */
export function DeleteExamModal({ exam, onClose, onDeleted }: Props) {
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (e: ExamRef) => examsApi.remove(e.id),
    onSuccess: (_res, e) => {
      notifications.show({ color: 'green', message: `“${e.title}” was deleted.` });
      qc.removeQueries({ queryKey: examKeys.detail(e.id) });
      void qc.invalidateQueries({ queryKey: ['exams', 'list'] });
      onClose();
      onDeleted?.();
    },
  });
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmModal
      opened={!!exam}
      title="Delete exam"
      confirmLabel="Delete exam"
      onConfirm={() => exam && remove.mutate(exam)}
      onClose={close}
      loading={remove.isPending}
      error={remove.error}
    >
      {exam && `Delete “${exam.title}” with its questions list, schedule and accommodations? This cannot be undone.`}
    </ConfirmModal>
  );
}
