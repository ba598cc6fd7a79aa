import type { ReactNode } from 'react';
import { Anchor, Box, Center, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router-dom';
import { Wordmark } from './Wordmark';

interface Props {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** Centred card used by every signed-out page. */
export function AuthLayout({ title, subtitle, children, footer }: Props) {
  useDocumentTitle(`${title} · Procta`);
  return (
    <Box mih="100vh" py={{ base: 'lg', sm: 60 }} px="md">
      <Container size={440} p={0}>
        <Center mb="lg">
          <Anchor component={Link} to="/" underline="never" c="inherit" aria-label="Procta home">
            <Wordmark size="lg" />
          </Anchor>
        </Center>
        <Paper p={{ base: 'lg', sm: 'xl' }} shadow="sm" component="main">
          <Stack gap={4} mb="lg">
            <Title order={1} fz={26} ta="center" style={{ textWrap: 'balance' }}>
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" ta="center" size="sm" style={{ textWrap: 'balance' }}>
                {subtitle}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
        {footer && (
          <Text ta="center" size="sm" mt="md" c="dimmed">
            {footer}
          </Text>
        )}
      </Container>
    </Box>
  );
}
