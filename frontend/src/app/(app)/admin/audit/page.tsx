"use client";
import { AuditLog } from "@/components/AuditLog";
import { RequireCapability } from "@/components/Shell";

export default function AuditPage() {
  return (
    <RequireCapability capability="audit:read">
      <AuditLog scope="all" />
    </RequireCapability>
  );
}
