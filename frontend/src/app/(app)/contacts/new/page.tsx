"use client";
import { useRouter } from "next/navigation";
import { ContactForm } from "@/components/crm/ContactForm";
import { RequireCapability } from "@/components/Shell";
import { useI18n } from "@/lib/i18n";

export default function NewContactPage() {
  const { t } = useI18n();
  const router = useRouter();
  return (
    <RequireCapability capability="crm:write">
      <h1>{t("contacts.new")}</h1>
      <div className="card">
        <ContactForm onSaved={(contact) => router.push(`/contacts/${contact.id}`)} onCancel={() => router.push("/contacts")} />
      </div>
    </RequireCapability>
  );
}
