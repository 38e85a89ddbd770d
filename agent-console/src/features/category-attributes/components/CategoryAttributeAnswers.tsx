// A ticket's answers to its category's questions, as entries of the ticket card's field list: labels and list
// answers in the console's language, deactivated questions included (old tickets keep their answers).
import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { describeAnswer, type TicketAttributes } from '@kck/contracts';
import { useCategoryAttributes } from '../../../api/category-attributes.api';
import { formatDateTime } from '../../../components/format';

interface Props {
  categoryId: string;
  attributes: TicketAttributes;
}

export function CategoryAttributeAnswers({ categoryId, attributes }: Props) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const codes = Object.keys(attributes);
  const definitions = useCategoryAttributes(codes.length > 0 ? categoryId : null, true);
  // Until the labels arrive, nothing rather than bare codes.
  if (codes.length === 0 || definitions.isPending) return null;
  const byCode = new Map((definitions.data ?? []).map((definition) => [definition.code, definition]));
  // In the category's order; answers whose question is unknown to the console come last, under their code.
  const ordered = [...codes].sort(
    (a, b) =>
      (byCode.get(a)?.position ?? Number.MAX_SAFE_INTEGER) - (byCode.get(b)?.position ?? Number.MAX_SAFE_INTEGER),
  );
  return ordered.map((code) => {
    const definition = byCode.get(code);
    const answer = attributes[code]!;
    const label = definition ? (language.startsWith('en') ? definition.labelEn : definition.labelPl) : code;
    return (
      <Box key={code} data-testid="ticket-attribute" data-code={code}>
        <Typography component="dt" variant="caption" color="text.secondary">
          {label}
        </Typography>
        <Typography component="dd" variant="body2" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {definition?.datatype === 'datetime' && typeof answer === 'string' && answer.includes('T')
            ? formatDateTime(answer, language)
            : describeAnswer(definition, answer, language)}
        </Typography>
      </Box>
    );
  });
}
