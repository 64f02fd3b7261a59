import { entraFromEnv } from "@/lib/entra";
import { LoginForm } from "./LoginForm";

// Read the Entra settings at request time, so one build serves any configuration.
export const dynamic = "force-dynamic";

export default function LoginPage() {
  return <LoginForm entra={entraFromEnv(process.env)} />;
}
