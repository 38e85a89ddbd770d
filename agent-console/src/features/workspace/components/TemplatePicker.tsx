// Picks one of the unit's answer templates, already filled with this ticket's fields by the server (the same
// fillAnswerTemplate the contracts export), and hands the text to the form, where it can still be edited.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketDto } from '@kck/contracts';
import { useTicketTemplates } from '../../../api/workspace.api';
import { NativeSelectField } from '../../../components/NativeSelectField';

interface Props {
  ticket: TicketDto;
  onPick: (text: string) => void;
  testId: string;
}

export function TemplatePicker({ ticket, onPick, testId }: Props) {
  const { t } = useTranslation();
  const templates = useTicketTemplates(ticket.id, Boolean(ticket.unitId));
  const [chosen, setChosen] = useState('');
  if (!templates.data?.length) return null;
  return (
    <NativeSelectField
      id={`${testId}-${ticket.id}`}
      label={t('workspace.template')}
      value={chosen}
      options={templates.data.map((template) => ({ value: template.id, label: template.name }))}
      placeholder={t('workspace.noTemplate')}
      onChange={(id) => {
        setChosen(id);
        const template = templates.data.find((candidate) => candidate.id === id);
        if (template) onPick(template.filled);
      }}
      testId={testId}
      size="small"
    />
  );
}
