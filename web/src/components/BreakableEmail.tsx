import { Fragment } from 'react';

/**
 * An email address that may wrap before "@" and "." rather than mid-word
 * ("new.teacher@northwind.example" on a phone, not "new.teacher.p / hone@northw…").
 */
export function BreakableEmail({ email }: { email: string }) {
  const parts = email.split(/(?=[@.])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
