"use client";
import { useRouter } from "next/navigation";
import { CompanyForm } from "@/components/crm/CompanyForm";
import { RequireCapability } from "@/components/Shell";
import { useI18n } from "@/lib/i18n";

export default function NewCompanyPage() {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <RequireCapability capability="crm:write">
      <h1>{t("companies.new")}</h1>
      <div className="card">
        <CompanyForm onSaved={(company) => router.push(`/companies/${company.id}`)} onCancel={() => router.push("/companies")} />
      </div>
    </RequireCapability>
  );
}
