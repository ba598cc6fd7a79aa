import { Alert, type AlertProps } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../api/client';

interface Props extends Omit<AlertProps, 'children'> {
  error: unknown;
}

/** Shows an API error's message (or nothing when there is no error). */
export function ErrorAlert({ error, title = 'Something went wrong', ...rest }: Props) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert" {...rest}>
      {errorMessage(error)}
    </Alert>
  );
}
