"use client";
import { AuditLog } from "@/components/AuditLog";
import { RequireCapability } from "@/components/Shell";

export default function ComplianceAuditPage() {
  return (
    <RequireCapability capability="compliance:review">
      <AuditLog scope="compliance" />
    </RequireCapability>
  );
}
