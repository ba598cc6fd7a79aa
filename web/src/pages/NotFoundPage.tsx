import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router-dom';
import { useMe } from '../api/queries';
import { Wordmark } from '../components/Wordmark';

export function NotFoundPage() {
  useDocumentTitle('Page not found · Procta');
  const { data: me } = useMe();
  return (
    <Center mih="100vh" p="md" component="main">
      <Stack align="center" gap="md" maw={420} ta="center">
        <Wordmark size="lg" />
        <Text fz={64} fw={800} c="indigo.2" lh={1} aria-hidden>
          404
        </Text>
        <Title order={1} fz={26}>
          Page not found
        </Title>
        <Text c="dimmed">The page you are looking for does not exist or has moved.</Text>
        {me ? (
          <Button component={Link} to="/dashboard">
            Go to dashboard
          </Button>
        ) : (
          <Button component={Link} to="/signin">
            Go to sign in
          </Button>
        )}
      </Stack>
    </Center>
  );
}
