import { useState } from 'react';
import { Alert, Button, Checkbox, Code, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IconCircleCheck, IconFileUpload } from '@tabler/icons-react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PHONE_QUERY } from '../../../components/TableStates';
import { ImportRefused, studentsApi } from '../api';
import { bankKeys } from '../queries';
import { ImportReport } from '../shared/ImportReport';
import { plural } from '../shared/plural';
import type { RosterImport } from '../types';

type Outcome = { kind: 'done'; report: RosterImport } | { kind: 'has_errors'; report: RosterImport };

function summary(r: RosterImport): string {
  const parts = [];
  if (r.imported) parts.push(`${plural(r.imported, 'student')} added`);
  if (r.updated) parts.push(`${plural(r.updated, 'student')} updated`);
  return parts.length ? parts.join(', ') + '.' : 'Nothing changed.';
}

/**
 * Import a roster CSV. The file is checked first (a dry run); a clean file is then imported,
 * a file with bad rows imports nothing until the teacher chooses "Import the valid rows".
 */
export function ImportRosterModal({ onClose }: { onClose: () => void }) {
  const phone = useMediaQuery(PHONE_QUERY, false);
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [updateExisting, setUpdateExisting] = useState(false);

  const imported = (report: RosterImport) => {
    void qc.invalidateQueries({ queryKey: bankKeys.students });
    void qc.invalidateQueries({ queryKey: bankKeys.groups });
    notifications.show({ color: 'green', message: summary(report) });
  };

  const run = useMutation({
    mutationFn: async ({ validOnly }: { validOnly: boolean }): Promise<Outcome> => {
      const options = { updateExisting, validOnly, dryRun: false };
      if (!validOnly) {
        const check = await studentsApi.import(file!, { ...options, dryRun: true });
        if (check.errors.length > 0) return { kind: 'has_errors', report: check };
      }
      return { kind: 'done', report: await studentsApi.import(file!, options) };
    },
    onSuccess: (outcome) => outcome.kind === 'done' && imported(outcome.report),
  });

  const changed = () => run.reset();
  const outcome = run.data;

  if (outcome?.kind === 'done') {
    const r = outcome.report;
    return (
      <Modal opened onClose={onClose} title="Import students" size="lg" fullScreen={phone}>
        <Stack>
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} title="Import finished">
            {summary(r)}
            {r.errors.length > 0 && ` ${plural(r.errors.length, 'row')} with errors ${r.errors.length === 1 ? 'was' : 'were'} skipped:`}
          </Alert>
          {r.errors.length > 0 && <ImportReport rows={r.errors} />}
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    );
  }

  const preview = outcome?.kind === 'has_errors' ? outcome.report : null;
  const validRows = preview ? preview.imported + preview.updated : 0;

  return (
    <Modal opened onClose={onClose} title="Import students" size="lg" fullScreen={phone}>
      <Stack>
        <Text size="sm">
          A CSV file whose first row names the columns <Code>roll_number</Code>, <Code>name</Code>, <Code>email</Code>{' '}
          and, optionally, <Code>group</Code> (separate several groups with <Code>;</Code>). Groups that do not exist yet
          are created. An exported roster is a valid template.
        </Text>
        <FileInput
          label="Roster file"
          description="Saved as “CSV UTF-8”, up to 2 MB."
          placeholder="Choose a file"
          accept=".csv,text/csv"
          leftSection={<IconFileUpload size={18} />}
          value={file}
          onChange={(f) => {
            setFile(f);
            changed();
          }}
          clearable
        />
        <Checkbox
          label="Update students whose roll number already exists"
          description="Their name and email are taken from the file and its groups are added. Off: such rows are reported as errors."
          checked={updateExisting}
          onChange={(e) => {
            setUpdateExisting(e.currentTarget.checked);
            changed();
          }}
        />
        {preview && (
          <Stack gap="sm">
            <Alert color="red" variant="light" title="Nothing was imported" role="alert">
              {plural(preview.errors.length, 'row')} of the file {preview.errors.length === 1 ? 'has' : 'have'} errors.{' '}
              {validRows > 0
                ? `The other ${plural(validRows, 'row')} ${validRows === 1 ? 'is' : 'are'} fine. Fix the file and try again, or import only the valid rows.`
                : 'No row can be imported: fix the file and try again.'}
            </Alert>
            <ImportReport rows={preview.errors} />
          </Stack>
        )}
        <ErrorAlert error={run.error} title="Could not import the file" />
        {run.error instanceof ImportRefused && <ImportReport rows={run.error.rows} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={run.isPending}>
            Cancel
          </Button>
          {preview ? (
            validRows > 0 && (
              <Button onClick={() => run.mutate({ validOnly: true })} loading={run.isPending}>
                Import the {plural(validRows, 'valid row')}
              </Button>
            )
          ) : (
            <Button onClick={() => run.mutate({ validOnly: false })} loading={run.isPending} disabled={!file}>
              Import
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
