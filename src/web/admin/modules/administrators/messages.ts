// Messages of the owner's Administrators section in Settings: the list, adding one, permissions, revoking.
import { defineEnglishMessages } from '../../../lib/i18n';

export const administratorsMessages = {
  en: {
    title: 'Administrators',
    help: 'People who can use this admin app, at one location or at all of them, with the permissions you choose.',
    empty: 'No other administrators yet. As the owner you can do everything; add people who help you run the space.',
    owner: 'Owner',
    allPermissions: 'All permissions',
    ownerFixed: 'The owner keeps every permission',
    add: 'Add administrator',
    added: '{name} is now an administrator',
    email: 'Email',
    firstName: 'First name',
    lastName: 'Last name',
    location: 'Location',
    allLocations: 'All locations',
    permissions: 'Permissions',
    permissionsRequired: 'Choose at least one permission',
    'column.name': 'Name',
    'column.email': 'Email',
    'column.location': 'Location',
    'column.permissions': 'Permissions',
    'column.actions': 'Actions',
    edit: 'Edit permissions',
    editFor: 'Edit permissions for {name}',
    editTitle: 'Permissions of {name}',
    savePermissions: 'Save permissions',
    permissionsSaved: 'Permissions of {name} saved',
    revoke: 'Revoke',
    revokeFor: 'Revoke {name}',
    revokeTitle: 'Revoke administrator access',
    revokeConfirm: 'Revoke administrator access for {name} at {location}? They can no longer use the admin app there; their account and memberships stay.',
    revokeConfirmEverywhere:
      'Revoke administrator access for {name} at all locations? They can no longer use the admin app there; their account and memberships stay.',
    revokeButton: 'Revoke access',
    revoked: '{name} is no longer an administrator',
  },
};

export const t = defineEnglishMessages('admin.administrators', administratorsMessages);
