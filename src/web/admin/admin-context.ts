// The signed-in administrator, shared with every page of the admin shell.
import { createContext, useContext } from 'react';
import { useParams } from 'react-router';
import type { Me } from '../lib/types';
import type { AdminAccess } from './admin-access';

export const AdminContext = createContext<{ me: Me; access: AdminAccess } | null>(null);

export function useAdmin() {
  const admin = useContext(AdminContext);
  if (!admin) throw new Error('useAdmin outside the admin shell');
  return admin;
}

/** The location in the URL (/l/:locationId/...); the location route checks it exists before its pages render. */
export function useAdminLocation() {
  const { access } = useAdmin();
  const { locationId } = useParams();
  const location = access.locations.find((candidate) => candidate.id === locationId);
  if (!location) throw new Error(`Location ${locationId} is not administered here`);
  return location;
}
