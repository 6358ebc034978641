import { de } from "./de"
import { en } from "./en"
import { fr } from "./fr"

/**
 * Merged by Medusa into the admin's own translations (namespace `translation`): the extensions
 * read them with `useTranslation()` under the key `scalexpert`, in the language the admin user
 * chose in the dashboard (English for a language without Scalexpert texts).
 */
export default {
  en: { translation: en },
  fr: { translation: fr },
  de: { translation: de },
}
