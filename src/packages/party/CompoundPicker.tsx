/** The office's (or a member of two branches') choice of compound on a branch page; nothing when there is one. */
import Choice from '@/components/Choice';

export default function CompoundPicker(p: {
  compounds: { compoundId: string; name: string }[];
  value: string;
  onChange: (compoundId: string) => void;
}) {
  if (p.compounds.length <= 1) return null;
  return (
    <Choice
      className='party-compounds'
      columns={2}
      options={p.compounds.map((c) => ({ value: c.compoundId, label: c.name }))}
      value={p.value}
      onChange={p.onChange}
    />
  );
}
