import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { Wordmark } from '../components/Wordmark';

export function NotFoundPage() {
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
        <Button component={Link} to="/dashboard">
          Go to dashboard
        </Button>
      </Stack>
    </Center>
  );
}
