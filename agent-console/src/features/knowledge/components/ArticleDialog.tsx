// An article opened from the call panel, in a dialog, so the half-filled call form stays untouched.
// Closing returns focus to the hit that opened it (MUI Dialog restores focus).
import { Button, Dialog, DialogActions, DialogContent } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ArticleDto } from '@kck/contracts';
import { useArticle } from '../../../api/knowledge.api';
import { ArticleView } from './ArticleView';

interface Props {
  articleId: string | null;
  onClose: () => void;
  onAttach?: (article: Pick<ArticleDto, 'id' | 'title'>) => void;
  attached?: boolean;
}

export function ArticleDialog({ articleId, onClose, onAttach, attached }: Props) {
  const { t } = useTranslation();
  const article = useArticle(articleId); // shared with ArticleView through the query cache
  const loaded = article.data;
  return (
    <Dialog open={Boolean(articleId)} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="article-dialog-title">
      <DialogContent>
        {articleId ? <ArticleView id={articleId} headingId="article-dialog-title" /> : null}
      </DialogContent>
      <DialogActions>
        {onAttach && loaded ? (
          <Button
            onClick={() => onAttach({ id: loaded.id, title: loaded.title })}
            disabled={attached}
            variant="outlined"
          >
            {attached ? t('knowledge.attached') : t('knowledge.attach')}
          </Button>
        ) : null}
        <Button onClick={onClose} variant="contained" autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
