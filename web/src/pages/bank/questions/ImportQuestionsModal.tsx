import { useState } from 'react';
import { Alert, Button, FileInput, Group, Modal, SegmentedControl, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconCircleCheck, IconFileUpload } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PHONE_QUERY } from '../../../components/TableStates';
import { ImportRefused, questionsApi, type ImportFormat } from '../api';
import { bankKeys } from '../queries';
import { ImportReport } from '../shared/ImportReport';
import { plural } from '../shared/plural';
import type { QuestionImport } from '../types';
import { CsvFormatHelp } from './CsvFormatHelp';

const ACCEPT: Record<ImportFormat, string> = { csv: '.csv,text/csv', qti: '.zip,.xml,application/zip,application/xml,text/xml' };

/** Upload a CSV or QTI 3.0 file; a file with bad rows imports nothing unless the user picks "import valid rows". */
export function ImportQuestionsModal({ onClose }: { onClose: () => void }) {
  const phone = useMediaQuery(PHONE_QUERY, false);
  const qc = useQueryClient();
  const [format, setFormat] = useState<ImportFormat>('csv');
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<QuestionImport | null>(null);

  const upload = useMutation({
    mutationFn: ({ validOnly }: { validOnly: boolean }) => questionsApi.import(format, file!, validOnly),
    onSuccess: (result) => {
      setDone(result);
      void qc.invalidateQueries({ queryKey: bankKeys.questions });
      notifications.show({ color: 'green', message: `${plural(result.imported, 'question')} imported.` });
    },
  });

  const reset = () => {
    setDone(null);
    upload.reset();
  };
  const refused = upload.error instanceof ImportRefused ? upload.error : null;
  const unit = format === 'qti' ? 'Item' : 'Row';

  return (
    <Modal opened onClose={onClose} title="Import questions" size="lg" fullScreen={phone}>
      <Stack>
        {done ? (
          <>
            <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title="Import finished">
              {plural(done.imported, 'question')} added to the bank.
              {done.errors.length > 0 && ` ${plural(done.errors.length, unit.toLowerCase())} with errors ${done.errors.length === 1 ? 'was' : 'were'} skipped:`}
            </Alert>
            {done.errors.length > 0 && <ImportReport rows={done.errors} unit={unit} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={reset}>
                Import another file
              </Button>
              <Button onClick={onClose}>Done</Button>
            </Group>
          </>
        ) : (
          <>
            <SegmentedControl
              aria-label="File format"
              value={format}
              onChange={(value) => {
                setFormat(value as ImportFormat);
                setFile(null);
                reset();
              }}
              data={[
                { value: 'csv', label: 'CSV' },
                { value: 'qti', label: 'QTI 3.0' },
              ]}
            />
            <FileInput
              label={format === 'csv' ? 'CSV file' : 'QTI 3.0 package'}
              description={
                format === 'csv'
                  ? 'A spreadsheet saved as “CSV UTF-8”, up to 5 MB.'
                  : 'A content package (.zip) or a single assessment item (.xml), up to 5 MB.'
              }
              placeholder="Choose a file"
              accept={ACCEPT[format]}
              leftSection={<IconFileUpload size={18} />}
              value={file}
              onChange={(f) => {
                setFile(f);
                reset();
              }}
              clearable
            />
            {refused ? (
              <Stack gap="sm">
                <Alert color="red" variant="light" title="Nothing was imported" role="alert">
                  {refused.message}
                </Alert>
                <ImportReport rows={refused.rows} unit={unit} />
              </Stack>
            ) : (
              <ErrorAlert error={upload.error} title="Could not import the file" />
            )}
            {format === 'csv' && <CsvFormatHelp />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={upload.isPending}>
                Cancel
              </Button>
              {refused ? (
                refused.valid !== 0 && (
                  <Button onClick={() => upload.mutate({ validOnly: true })} loading={upload.isPending}>
                    {refused.valid === null
                      ? 'Import the valid rows'
                      : `Import the ${plural(refused.valid, 'valid question')}`}
                  </Button>
                )
              ) : (
                <Button onClick={() => upload.mutate({ validOnly: false })} loading={upload.isPending} disabled={!file}>
                  Import
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
