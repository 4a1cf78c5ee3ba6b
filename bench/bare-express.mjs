// The baseline of the query benchmark: Express answering a constant JSON body, nothing else.
import express from "express";

const app = express();
const body = { status: "ok" };
app.get("/*path", (_req, res) => res.json(body));
app.listen(Number(process.env.PORT), "127.0.0.1");
