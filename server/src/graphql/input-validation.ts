import { validate, type ValidationError } from 'class-validator';
import type { ValidatorFn } from 'type-graphql';
import { badInput } from './errors';

/**
 * Runs the input classes' class-validator rules (MaxLength and the like) for type-graphql.
 *
 * type-graphql's own error puts class-validator's whole report in `extensions.validationErrors`, and
 * that report carries the input object (`target`) and the offending `value`: a sign-in request with
 * an over-long field would come back with its password and challenge token in the response, and in
 * any log that keeps responses. This answer names each field and its rule in plain words and never
 * carries a value the caller sent.
 */
export const validateInput: ValidatorFn = async (argValue) => {
  const inputs = Array.isArray(argValue) ? argValue : [argValue];
  const problems: string[] = [];
  for (const input of inputs) {
    if (input === null || typeof input !== 'object') continue;
    // The options type-graphql uses by default: absent optional fields and unknown classes pass.
    const errors = await validate(input, { skipMissingProperties: true, forbidUnknownValues: false });
    problems.push(...describe(errors, ''));
  }
  if (problems.length > 0) throw badInput(`Invalid input: ${problems.join('; ')}.`);
};

/** "username must be shorter than or equal to 64 characters", for each field and rule, nested fields by path. */
function describe(errors: readonly ValidationError[], prefix: string): string[] {
  return errors.flatMap((e) => {
    const field = `${prefix}${e.property}`;
    // class-validator's default messages name the property and the rule's bounds, never the value.
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => plain(field, e.property, rule, message));
    return [...own, ...describe(e.children ?? [], `${field}.`)];
  });
}

function plain(field: string, property: string, rule: string, message: string): string {
  // Belt and braces: a message that does not start with the field's name is not one of the known
  // templates, so say only which rule failed.
  return message.startsWith(`${property} `) ? `${field}${message.slice(property.length)}` : `${field} fails the ${rule} rule`;
}
