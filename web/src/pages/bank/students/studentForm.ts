import { validateEmail } from '../../../lib/validation';

export interface StudentValues {
  roll_number: string;
  name: string;
  email: string;
  group_ids: string[];
}

/** Roll number and name are required; the email is optional but must be valid when given. */
export function validateStudent(v: StudentValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.roll_number.trim()) errors.roll_number = 'Roll number is required';
  if (!v.name.trim()) errors.name = 'Name is required';
  const email = v.email.trim() ? validateEmail(v.email) : null;
  if (email) errors.email = email;
  return errors;
}
