import { Button, Group, NumberInput, Skeleton, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { orgApi } from '../../api/endpoints';
import { keys, useOrg } from '../../api/queries';
import type { Organization, OrgUpdate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Page';

export const RETENTION_MIN_DAYS = 1;
export const RETENTION_MAX_DAYS = 3650;
export const DEFAULT_SCREENSHOT_RETENTION_DAYS = 7;
export const DEFAULT_RETENTION_DAYS = 30;

interface RetentionValues {
  screenshot_retention_days: number | string;
  retention_days: number | string;
}

function validDays(value: number | string): string | null {
  const n = Number(value);
  if (value === '' || !Number.isInteger(n) || n < RETENTION_MIN_DAYS || n > RETENTION_MAX_DAYS) {
    return `Enter a number of days from ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}`;
  }
  return null;
}

/** How long proctoring media is kept before the cleanup deletes it. */
export function RetentionSection() {
  const qc = useQueryClient();
  const org = useOrg();
  const form = useForm<RetentionValues>({
    mode: 'controlled',
    initialValues: {
      screenshot_retention_days: DEFAULT_SCREENSHOT_RETENTION_DAYS,
      retention_days: DEFAULT_RETENTION_DAYS,
    },
    validate: { screenshot_retention_days: validDays, retention_days: validDays },
  });

  const { setInitialValues, setValues } = form;
  useEffect(() => {
    if (org.data) {
      const values = {
        screenshot_retention_days: org.data.screenshot_retention_days ?? DEFAULT_SCREENSHOT_RETENTION_DAYS,
        retention_days: org.data.retention_days ?? DEFAULT_RETENTION_DAYS,
      };
      setInitialValues(values);
      setValues(values);
    }
  }, [org.data, setInitialValues, setValues]);

  const save = useMutation({
    mutationFn: (body: OrgUpdate) => orgApi.update(body),
    onSuccess: (updated: Organization) => {
      qc.setQueryData(keys.org, updated);
      notifications.show({ color: 'green', message: 'Data retention saved.' });
    },
  });

  return (
    <Section
      title="Data retention"
      description="Proctoring media older than this is deleted by the cleanup. Evidence behind flags keeps a small thumbnail for reports."
    >
      {org.error ? (
        <ErrorAlert error={org.error} title="Could not load the organization" />
      ) : org.isPending ? (
        <Stack maw={480}>
          <Skeleton height={56} />
          <Skeleton height={56} />
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((v) =>
            save.mutate({
              screenshot_retention_days: Number(v.screenshot_retention_days),
              retention_days: Number(v.retention_days),
            }),
          )}
        >
          <Stack maw={480}>
            <ErrorAlert error={save.error} title="Could not save" />
            <NumberInput
              label="Keep webcam and screen snapshots for (days)"
              description={`Default ${DEFAULT_SCREENSHOT_RETENTION_DAYS} days. ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}.`}
              min={RETENTION_MIN_DAYS}
              max={RETENTION_MAX_DAYS}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              {...form.getInputProps('screenshot_retention_days')}
            />
            <NumberInput
              label="Keep recordings, audio clips and ID photos for (days)"
              description={`Default ${DEFAULT_RETENTION_DAYS} days. ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS}.`}
              min={RETENTION_MIN_DAYS}
              max={RETENTION_MAX_DAYS}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              {...form.getInputProps('retention_days')}
            />
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                Save retention
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}
