// The access log's own strings, added to the console's translations when its page or the reason field is first
// loaded, so the shared resource files only carry the navigation label and the role.
import i18n from '../../../i18n/i18n';
import en from './en.json';
import pl from './pl.json';

i18n.addResourceBundle('pl', 'translation', pl, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
