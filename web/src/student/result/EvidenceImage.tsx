import { Image, Modal, Skeleton, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { resultApi } from './resultApi';

interface Props {
  attemptId: string;
  token: string;
  mediaId: string;
  /** Read out for the picture: "Evidence 1 for Tab switch". */
  alt: string;
}

type Picture = { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'error' };

/** A snapshot behind a flag, fetched with the attempt token; click to see it larger. */
export function EvidenceImage({ attemptId, token, mediaId, alt }: Props) {
  const [picture, setPicture] = useState<Picture>({ kind: 'loading' });
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    let url = '';
    setPicture({ kind: 'loading' });
    resultApi
      .evidence(attemptId, token, mediaId, ctrl.signal)
      .then((blob) => {
        if (ctrl.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setPicture({ kind: 'ready', url });
      })
      .catch(() => {
        if (!ctrl.signal.aborted) setPicture({ kind: 'error' });
      });
    return () => {
      ctrl.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [attemptId, token, mediaId]);

  if (picture.kind === 'loading') return <Skeleton w={128} h={96} radius="sm" aria-label={`Loading ${alt}`} />;
  if (picture.kind === 'error') {
    return (
      <Text size="xs" c="dimmed" w={128}>
        This picture could not be loaded.
      </Text>
    );
  }
  return (
    <>
      <UnstyledButton onClick={() => setOpen(true)} aria-label={`Enlarge ${alt}`}>
        <Image src={picture.url} alt={alt} w={128} h={96} fit="cover" radius="sm" />
      </UnstyledButton>
      <Modal opened={open} onClose={() => setOpen(false)} title={alt} size="lg" centered>
        <Image src={picture.url} alt={alt} radius="sm" />
      </Modal>
    </>
  );
}
