// HTTP for the knowledge base: search and read an article.
import { z } from 'zod';
import { knowledgeSearchQuery } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { getArticle, searchArticles } from './knowledge.service.ts';

const idParams = z.object({ id: z.uuid('id must be an article id') });

export function knowledgeRoutes({ db, search }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/knowledge/search', roles: 'staff', query: knowledgeSearchQuery },
      ({ query }) => searchArticles(search, query.q, query.limit),
    ),
    defineRoute(
      { method: 'get', path: '/api/knowledge/articles/:id', roles: 'staff', params: idParams },
      ({ params }) => getArticle(db, params.id),
    ),
  ];
}
