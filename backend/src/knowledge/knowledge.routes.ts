// HTTP for knowledge-base search: the search itself, the article an agent opened from it, the editors' gaps
// report and the synonym groups. Articles themselves are in articles.routes.ts.
import {
  knowledgeGapsQuery,
  knowledgeSearchChoiceRequest,
  knowledgeSearchQuery,
  searchIdParams,
  synonymGroupsRequest,
  type Role,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { searchKnowledge } from './search.service.ts';
import { knowledgeGaps, recordSearchChoice } from './search-log.service.ts';
import { getSynonymGroups, putSynonymGroups } from './synonyms.service.ts';

const GAPS_READERS: readonly Role[] = ['kb_editor', 'analyst', 'supervisor', 'admin'];
const SYNONYM_EDITORS: readonly Role[] = ['kb_editor', 'admin'];

export function knowledgeRoutes(ctx: BackendContext) {
  const { db } = ctx;
  return [
    defineRoute(
      { method: 'get', path: '/api/knowledge/search', roles: 'staff', query: knowledgeSearchQuery },
      ({ actor, query }) => searchKnowledge(ctx.search, ctx.searchLog, ctx.logger, actor.id, query),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/knowledge/searches/:searchId/choice',
        roles: 'staff',
        params: searchIdParams,
        body: knowledgeSearchChoiceRequest,
      },
      ({ actor, params, body }) => recordSearchChoice(db, ctx.searchLog, actor.id, params.searchId, body.articleId),
    ),
    defineRoute(
      { method: 'get', path: '/api/knowledge/gaps', roles: GAPS_READERS, query: knowledgeGapsQuery },
      ({ query }) => knowledgeGaps(db, ctx.searchLog, query),
    ),
    defineRoute({ method: 'get', path: '/api/knowledge/synonyms', roles: 'staff' }, () => getSynonymGroups(db)),
    defineRoute(
      { method: 'put', path: '/api/knowledge/synonyms', roles: SYNONYM_EDITORS, body: synonymGroupsRequest },
      ({ actor, body }) => putSynonymGroups(db, body.groups, actor.id),
    ),
  ];
}
