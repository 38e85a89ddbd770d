// The data protection page's own strings, added to the console's translations when the page is first loaded,
// so the shared resource files only carry the navigation label and the history event's name.
import i18n from '../../../i18n/i18n';
import en from './en.json';
import pl from './pl.json';
import uk from './uk.json';

i18n.addResourceBundle('pl', 'translation', pl, true, false);
i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('uk', 'translation', uk, true, false);
