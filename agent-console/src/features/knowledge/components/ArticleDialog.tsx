// An article opened from the call panel, in a dialog, so the half-filled call form stays untouched.
// D (outside a text field) attaches it to the call; closing returns focus to the hit that opened it.
import type { KeyboardEvent } from 'react';
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

const isTextField = (target: EventTarget) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function ArticleDialog({ articleId, onClose, onAttach, attached }: Props) {
  const { t } = useTranslation();
  const article = useArticle(articleId); // shared with ArticleView through the query cache
  const loaded = article.data;
  const canAttach = Boolean(onAttach && loaded && !attached);

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'd' || event.key === 'D') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if (isTextField(event.target) || !canAttach || !loaded) return;
      event.preventDefault();
      onAttach?.({ id: loaded.id, title: loaded.title });
    }
  };

  return (
    <Dialog
      open={Boolean(articleId)}
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="article-dialog-title"
      onKeyDown={onKeyDown}
      data-testid="kb-article-dialog"
    >
      <DialogContent>
        {articleId ? <ArticleView id={articleId} headingId="article-dialog-title" /> : null}
      </DialogContent>
      <DialogActions>
        {onAttach && loaded ? (
          <Button
            onClick={() => onAttach({ id: loaded.id, title: loaded.title })}
            disabled={attached}
            variant="outlined"
            aria-keyshortcuts="D"
            data-testid="kb-dialog-attach"
          >
            {attached ? t('knowledge.attached') : t('knowledge.attachKey')}
          </Button>
        ) : null}
        <Button onClick={onClose} variant="contained" autoFocus data-testid="kb-dialog-close">
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
