// infra: how a registry name (kebab-case) becomes the PascalCase part of a construct id (`invitation-worker` →
// `InvitationWorker`): the stack's logical ids are made from it, so it must not change.
export const pascal = (name: string) =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
