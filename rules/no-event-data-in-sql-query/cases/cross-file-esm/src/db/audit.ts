import { exec } from './pool.js';

export function record(agent: string) {
  const sql = "INSERT INTO audit (agent) VALUES ('" + agent.toLowerCase() + "')";
  return exec(sql);
}
