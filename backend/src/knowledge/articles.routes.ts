// HTTP for the articles' editorial side: read (agents: published only), write and move through the workflow
// (editors), versions and diffs, agents' feedback and the editors' worklist.
import { z } from 'zod';
import {
  articleDiffQuery,
  articleFeedbackRequest,
  articleIdParams,
  articleListQuery,
  articleTransitionRequest,
  createArticleRequest,
  resolveFeedbackRequest,
  updateArticleRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { createFeedback, FEEDBACK_STATUSES, listFeedback, resolveFeedback } from './article-feedback.service.ts';
import { diffVersions, getVersion, listVersions } from './article-versions.ts';
import {
  ARTICLE_EDITORS,
  createArticle,
  getArticleFor,
  listArticles,
  markArticleReviewed,
  transitionArticle,
  updateArticle,
} from './articles.service.ts';
import { editorWorklist } from './editor-worklist.ts';

const versionParams = articleIdParams
  .extend({ version: z.coerce.number().int().min(1, 'version is a version number') })
  .strict();

const feedbackIdParams = z.object({ id: z.uuid('id must be a feedback id') }).strict();

const feedbackListQuery = z
  .object({
    status: z.enum(FEEDBACK_STATUSES, { error: `status is one of ${FEEDBACK_STATUSES.join(', ')}` }).optional(),
    articleId: z.uuid('articleId must be an article id').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const reviewedBody = z.object({}).strict();

export function articleRoutes({ db, config }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/knowledge/articles', roles: 'staff', query: articleListQuery },
      ({ actor, query }) => listArticles(db, actor, query),
    ),
    defineRoute(
      { method: 'get', path: '/api/knowledge/articles/:id', roles: 'staff', params: articleIdParams },
      ({ actor, params }) => getArticleFor(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/knowledge/articles',
        roles: ARTICLE_EDITORS,
        body: createArticleRequest,
        status: 201,
      },
      ({ actor, body }) => createArticle(db, actor, body),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/api/knowledge/articles/:id',
        roles: ARTICLE_EDITORS,
        params: articleIdParams,
        body: updateArticleRequest,
      },
      ({ actor, params, body }) => updateArticle(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/knowledge/articles/:id/transitions',
        roles: ARTICLE_EDITORS,
        params: articleIdParams,
        body: articleTransitionRequest,
      },
      ({ actor, params, body }) => transitionArticle(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/knowledge/articles/:id/reviewed',
        roles: ARTICLE_EDITORS,
        params: articleIdParams,
        body: reviewedBody,
      },
      ({ actor, params }) => markArticleReviewed(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/knowledge/articles/:id/versions',
        roles: ARTICLE_EDITORS,
        params: articleIdParams,
      },
      ({ params }) => listVersions(db, params.id),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/knowledge/articles/:id/versions/:version',
        roles: ARTICLE_EDITORS,
        params: versionParams,
      },
      ({ params }) => getVersion(db, params.id, params.version),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/knowledge/articles/:id/diff',
        roles: ARTICLE_EDITORS,
        params: articleIdParams,
        query: articleDiffQuery,
      },
      ({ params, query }) => diffVersions(db, params.id, query.from, query.to),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/knowledge/articles/:id/feedback',
        roles: 'staff',
        params: articleIdParams,
        body: articleFeedbackRequest,
        status: 201,
      },
      ({ actor, params, body }) => createFeedback(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/knowledge/feedback', roles: ARTICLE_EDITORS, query: feedbackListQuery },
      ({ query }) => listFeedback(db, query),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/knowledge/feedback/:id/resolve',
        roles: ARTICLE_EDITORS,
        params: feedbackIdParams,
        body: resolveFeedbackRequest,
      },
      ({ actor, params, body }) => resolveFeedback(db, actor, params.id, body),
    ),
    defineRoute({ method: 'get', path: '/api/knowledge/editor-worklist', roles: ARTICLE_EDITORS }, () =>
      editorWorklist(db, config.KB_REVIEW_AFTER_DAYS),
    ),
  ];
}
