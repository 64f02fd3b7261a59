"use client";
import { useRouter } from "next/navigation";
import { DealForm } from "@/components/crm/DealForm";
import { RequireCapability } from "@/components/Shell";
import { useI18n } from "@/lib/i18n";

export default function NewDealPage() {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <RequireCapability capability="crm:write">
      <h1>{t("deals.new")}</h1>
      <div className="card">
        <DealForm onSaved={(deal) => router.push(`/deals/${deal.id}`)} onCancel={() => router.push("/deals")} />
      </div>
    </RequireCapability>
  );
}
