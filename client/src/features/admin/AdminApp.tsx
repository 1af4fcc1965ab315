import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import type { ViewerData } from '../../apollo/viewer';
import { NotFoundPage } from '../home/NotFoundPage';
import { AdminLayout } from './AdminLayout';
import { ApiKeysPage } from './ApiKeysPage';
import { ClientUsersPage } from './ClientUsersPage';
import { CompaniesPage } from './CompaniesPage';
import { CompanyPage } from './CompanyPage';
import { CustomerDetailsPage } from './CustomerDetailsPage';
import { EventsPage } from './EventsPage';

/**
 * The admin panes, loaded on demand (React.lazy in routes.tsx): the customer sign-in never downloads
 * them. Paths are relative to /:portal/admin.
 */
export default function AdminApp({ viewer }: { readonly viewer: ViewerData }): ReactNode {
  return (
    <AdminLayout viewer={viewer}>
      <Routes>
        <Route index element={<Navigate to="settings/client-users" replace />} />
        <Route path="settings/client-users" element={<ClientUsersPage viewer={viewer} />} />
        <Route path="settings/api-keys" element={<ApiKeysPage viewer={viewer} />} />
        <Route path="companies" element={<CompaniesPage />} />
        <Route path="companies/:companyId" element={<CompanyPage />} />
        <Route path="companies/:companyId/customers" element={<CustomerDetailsPage />} />
        <Route path="events" element={<EventsPage />} />
        <Route path="*" element={<NotFoundPage embedded />} />
      </Routes>
    </AdminLayout>
  );
}
