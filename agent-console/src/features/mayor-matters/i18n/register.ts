// The Mayor's matters' own strings, added to the console's translations when one of its screens (or the matter
// panel on a ticket) is first loaded, so the shared resource files only carry the navigation label and the role.
import i18n from '../../../i18n/i18n';
import en from './en.json';
import pl from './pl.json';

i18n.addResourceBundle('pl', 'translation', pl, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
