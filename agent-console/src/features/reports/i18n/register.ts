// The reports page's own strings, added to the console's translations when the page first loads, so the shared
// resource files only carry the navigation label.
import i18n from '../../../i18n/i18n';
import en from './en.json';
import pl from './pl.json';

i18n.addResourceBundle('pl', 'translation', pl, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
